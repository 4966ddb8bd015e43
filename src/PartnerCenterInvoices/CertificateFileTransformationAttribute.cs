using System.IO;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;

namespace PartnerCenterInvoices
{
    /// <summary>Lets a certificate parameter take a file path, resolved against PowerShell's current location.</summary>
    /// <remarks>
    /// Without it PowerShell hands the string to the X509Certificate2 constructor, which resolves a
    /// relative path against the process's directory, not $PWD: after Set-Location, "./emulator.pem"
    /// would name another file or none.
    /// </remarks>
    public sealed class CertificateFileTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is not string path) return inputData;
            var full = engineIntrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(full))
                throw new ArgumentTransformationMetadataException($"The certificate file '{full}' does not exist.");
            return new X509Certificate2(File.ReadAllBytes(full));
        }
    }
}
