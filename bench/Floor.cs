#nullable enable
// The floor of what reading every page can cost: the same HTTP requests over one HttpClient,
// bodies read into a reused buffer, the continuation token found by a byte search — no JSON parsing.
using System;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Text;

public static class BenchFloor
{
    public static long[] Run(string baseUrl, string certificatePath, string token, int pageSize)
    {
        var trusted = X509CertificateLoader.LoadCertificateFromFile(certificatePath).RawData;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert != null && cert.RawData.AsSpan().SequenceEqual(trusted),
        };
        using var client = new HttpClient(handler);
        client.DefaultRequestHeaders.Add("Authorization", "Bearer " + token);
        var marker = Encoding.ASCII.GetBytes("\"MS-ContinuationToken\",\"value\":\"");
        var buffer = new byte[1 << 20];
        string? continuation = null;
        long pages = 0, bytes = 0;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get,
                baseUrl + "/v1/invoices?size=" + pageSize + (continuation == null ? "" : "&seekOperation=Next"));
            if (continuation != null) request.Headers.Add("MS-ContinuationToken", continuation);
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            using var stream = response.Content.ReadAsStream();
            var length = 0;
            int read;
            while ((read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
                if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            }
            pages++;
            bytes += length;
            var at = buffer.AsSpan(0, length).LastIndexOf(marker);
            if (at < 0) break;
            var start = at + marker.Length;
            var end = Array.IndexOf(buffer, (byte)'"', start);
            continuation = Encoding.ASCII.GetString(buffer, start, end - start);
        }
        return new[] { pages, bytes };
    }
}
