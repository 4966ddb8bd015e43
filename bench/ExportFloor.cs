#nullable enable
// The floor of reading an export: its blobs downloaded over one HttpClient, all at once, each
// un-gzipped and its lines counted by a byte search. No JSON parsing, no objects, no pipeline.
using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

public static class BenchExportFloor
{
    public static long[] Run(string[] blobUris, bool parallel)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(30) };
        long[] Count(string uri)
        {
            using var response = client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
            using var body = response.Content.ReadAsStream();
            using var gzip = new GZipStream(body, CompressionMode.Decompress);
            var buffer = new byte[1 << 16];
            long lines = 0, bytes = 0;
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
            return new[] { lines, bytes };
        }
        var results = parallel
            ? blobUris.AsParallel().AsOrdered().WithDegreeOfParallelism(blobUris.Length).Select(Count).ToArray()
            : blobUris.Select(Count).ToArray();
        return new[] { results.Sum(r => r[0]), results.Sum(r => r[1]) };
    }
}
