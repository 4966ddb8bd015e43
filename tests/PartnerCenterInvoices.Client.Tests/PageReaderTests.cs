using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.Http;
using PartnerCenterInvoices.Paging;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class PageReaderTests
    {
        private const string Root = "https://pc.example/v1";

        private static string Page(IEnumerable<string> ids, string? nextJson) =>
            "{\"totalCount\":" + ids.Count() + ",\"items\":[" + string.Join(",", ids.Select(id => "{\"id\":\"" + id + "\"}")) + "]" +
            (nextJson is null ? "" : ",\"links\":{\"next\":" + nextJson + "}") + "}";

        private static async Task<List<string>> ReadAll(PageReader<Invoice> reader)
        {
            var ids = new List<string>();
            while (await reader.ReadNextPageAsync(CancellationToken.None) is { } page) ids.AddRange(page.Items.Select(i => i.Id));
            return ids;
        }

        private static PageReader<Invoice> Reader(FakeApi api, string first = "/invoices?size=2", RequestContext? context = null) =>
            new PageReader<Invoice>(new ApiRequestSender(new HttpClient(api)), Root, first,
                PartnerCenterJsonContext.Default.PagedResourceCollectionInvoice, context ?? new RequestContext());

        [Fact]
        public async Task Follows_next_links_with_their_continuation_header_until_there_is_none()
        {
            var api = new FakeApi(request =>
            {
                var token = request.Headers.TryGetValues("MS-ContinuationToken", out var v) ? v.Single() : null;
                return token switch
                {
                    null => FakeApi.Json(Page(new[] { "A", "B" }, "{\"uri\":\"/invoices?size=2&seekOperation=Next\",\"method\":\"GET\",\"headers\":[{\"key\":\"MS-ContinuationToken\",\"value\":\"t1\"}]}")),
                    "t1" => FakeApi.Json(Page(new[] { "C" }, "{\"uri\":\"/invoices?size=2&seekOperation=Next\",\"headers\":[{\"key\":\"MS-ContinuationToken\",\"value\":\"t2\"}]}")),
                    _ => FakeApi.Json(Page(new[] { "D", "E" }, null)),
                };
            });
            var reader = Reader(api);

            Assert.Equal(new[] { "A", "B", "C", "D", "E" }, await ReadAll(reader));
            Assert.Equal(3, reader.PagesRead);
            Assert.Equal(new[] { "https://pc.example/v1/invoices?size=2", "https://pc.example/v1/invoices?size=2&seekOperation=Next", "https://pc.example/v1/invoices?size=2&seekOperation=Next" },
                api.Requests.Select(r => r.Uri));
            Assert.Equal(new string?[] { null, "t1", "t2" }, api.Requests.Select(r => r.ContinuationToken));
        }

        [Fact]
        public async Task Follows_legacy_offset_links()
        {
            var api = new FakeApi(request => request.RequestUri!.Query.Contains("offset=2")
                ? FakeApi.Json(Page(new[] { "C" }, null))
                : FakeApi.Json(Page(new[] { "A", "B" }, "{\"uri\":\"/invoices?size=2&offset=2\",\"method\":\"GET\",\"headers\":[]}")));

            Assert.Equal(new[] { "A", "B", "C" }, await ReadAll(Reader(api)));
        }

        [Fact]
        public async Task An_empty_collection_is_one_request_and_no_items()
        {
            var api = new FakeApi(_ => FakeApi.Json("{\"totalCount\":0,\"items\":[],\"links\":{\"self\":{\"uri\":\"/invoices\"}}}"));
            Assert.Empty(await ReadAll(Reader(api)));
            Assert.Single(api.Requests);
        }

        [Fact]
        public async Task Every_request_carries_the_invocation_correlation_id_and_its_own_request_id()
        {
            var api = new FakeApi(request => request.RequestUri!.Query.Contains("offset")
                ? FakeApi.Json(Page(new[] { "B" }, null))
                : FakeApi.Json(Page(new[] { "A" }, "{\"uri\":\"/invoices?offset=1\"}")));
            var context = new RequestContext(Guid.NewGuid());

            await ReadAll(Reader(api, context: context));

            Assert.All(api.Requests, r => Assert.Equal(context.CorrelationId.ToString(), r.CorrelationId));
            Assert.Equal(2, api.Requests.Select(r => r.RequestId).Distinct().Count());
        }

        [Fact]
        public async Task A_next_link_that_repeats_itself_stops_with_an_error_instead_of_looping()
        {
            var api = new FakeApi(_ => FakeApi.Json(Page(new[] { "A" }, "{\"uri\":\"/invoices?x=1\",\"headers\":[{\"key\":\"MS-ContinuationToken\",\"value\":\"same\"}]}")));
            var reader = Reader(api);
            await reader.ReadNextPageAsync(CancellationToken.None);
            await reader.ReadNextPageAsync(CancellationToken.None);
            await Assert.ThrowsAsync<InvalidServiceResponseException>(() => reader.ReadNextPageAsync(CancellationToken.None));
        }

        [Theory]
        [InlineData("{\"code\":600012,\"description\":\"Page size is invalid.\",\"data\":[],\"source\":\"PartnerCenter\"}", "600012", "Page size is invalid.")]
        [InlineData("{\"message\":\"Gateway says no.\"}", null, "Gateway says no.")]
        [InlineData("{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in 57 seconds.\"}", null, "Rate limit is exceeded. Try again in 57 seconds.")]
        public async Task Errors_carry_the_service_code_message_and_correlation_id(string body, string? code, string message)
        {
            var api = new FakeApi(_ =>
            {
                var response = FakeApi.Json(body, HttpStatusCode.BadRequest);
                response.Headers.Add("MS-CorrelationId", "corr-1");
                response.Headers.Add("MS-RequestId", "req-1");
                return response;
            });

            var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => Reader(api).ReadNextPageAsync(CancellationToken.None));

            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
            Assert.Equal(code, error.ServiceCode);
            Assert.Equal(message, error.ServiceMessage);
            Assert.Equal("corr-1", error.CorrelationId);
            Assert.Equal("req-1", error.RequestId);
            Assert.Contains(message, error.Message);
            Assert.Contains("corr-1", error.Message);
        }

        [Fact]
        public async Task A_truncated_page_is_an_error_not_a_partial_page()
        {
            var api = new FakeApi(_ => FakeApi.Json("{\"totalCount\":2,\"items\":[{\"id\":\"A\"},{\"id\":"));
            await Assert.ThrowsAsync<InvalidServiceResponseException>(() => Reader(api).ReadNextPageAsync(CancellationToken.None));
        }
    }
}
