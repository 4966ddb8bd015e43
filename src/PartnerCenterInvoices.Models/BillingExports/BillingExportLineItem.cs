using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>What every line of a Microsoft Graph billing export has: the fields this version does not know yet.</summary>
    /// <remarks>
    /// A field the service adds later lands here instead of failing the read or being dropped. It is
    /// kept internal and handed out by a method, not a property, so Export-Csv never sees a dictionary
    /// column; the cmdlets turn each field into a note property of its own (a flat column with the
    /// service's name).
    /// </remarks>
    public abstract class BillingExportLineItem
    {
        private static readonly IReadOnlyDictionary<string, object?> NoFields = new Dictionary<string, object?>();

        [JsonExtensionData]
        [JsonInclude]
        internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

        /// <summary>Fields of the line that have no property here, with their values as text, number or flag.</summary>
        public IReadOnlyDictionary<string, object?> GetAdditionalFields()
        {
            if (ExtensionData is null || ExtensionData.Count == 0) return NoFields;
            var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in ExtensionData) fields[pair.Key] = ToValue(pair.Value);
            return fields;
        }

        private static object? ToValue(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number : (object)value.GetRawText(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }
}
