using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;

namespace PartnerCenterInvoices
{
    /// <summary>Lets an encoding parameter take the names Export-Csv takes (utf8BOM, utf8NoBOM, unicode…), a code page or an Encoding.</summary>
    /// <remarks>
    /// PowerShell 7's own transformation for -Encoding is not in the API this module compiles against
    /// (it also runs on Windows PowerShell 5.1), so the same names are mapped here. As in PowerShell 7,
    /// utf8 means without a byte-order mark.
    /// </remarks>
    public sealed class EncodingTransformationAttribute : ArgumentTransformationAttribute
    {
        internal static readonly IReadOnlyDictionary<string, Encoding> Named = new Dictionary<string, Encoding>(StringComparer.OrdinalIgnoreCase)
        {
            ["utf8BOM"] = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            ["utf8NoBOM"] = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            ["utf8"] = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            ["unicode"] = new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            ["bigendianunicode"] = new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            ["utf32"] = new UTF32Encoding(bigEndian: false, byteOrderMark: true),
            ["bigendianutf32"] = new UTF32Encoding(bigEndian: true, byteOrderMark: true),
            ["ascii"] = new ASCIIEncoding(),
        };

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case Encoding encoding:
                    return encoding;
                case string name when Named.TryGetValue(name, out var known):
                    return known;
                case int codePage:
                    return FromSystem(() => Encoding.GetEncoding(codePage), codePage.ToString(System.Globalization.CultureInfo.InvariantCulture));
                case string name:
                    return FromSystem(() => Encoding.GetEncoding(name), name);
                default:
                    return inputData;
            }
        }

        private static Encoding FromSystem(Func<Encoding> get, string asGiven)
        {
            try
            {
                return get();
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException)
            {
                throw new ArgumentTransformationMetadataException(
                    $"'{asGiven}' is not an encoding. Use {string.Join(", ", Named.Keys)}, a code page number or an encoding name.", ex);
            }
        }
    }
}
