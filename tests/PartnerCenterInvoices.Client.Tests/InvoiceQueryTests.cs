using System;
using PartnerCenterInvoices.Queries;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class InvoiceQueryTests
    {
        [Fact]
        public void No_parameters_asks_for_the_plain_collection() =>
            Assert.Equal("/invoices", new InvoiceQuery().ToRelativeUri());

        [Fact]
        public void Sends_size_offset_and_the_documented_invoice_type_spelling()
        {
            var query = new InvoiceQuery { PageSize = 100, Offset = 20, InvoiceType = InvoiceType.OneTime };
            Assert.Equal("/invoices?size=100&offset=20&invoiceType=one_time", query.ToRelativeUri());
            query.InvoiceType = new InvoiceType("Recurring");
            Assert.Equal("/invoices?size=100&offset=20&invoiceType=recurring", query.ToRelativeUri());
        }

        [Fact]
        public void Encodes_the_filter_json()
        {
            var query = new InvoiceQuery { Filter = "{\"Field\":\"InvoiceDate\",\"Value\":\"2025-01-01\",\"Operator\":\"greater_than\"}" };
            Assert.Equal(
                "/invoices?filter=%7B%22Field%22%3A%22InvoiceDate%22%2C%22Value%22%3A%222025-01-01%22%2C%22Operator%22%3A%22greater_than%22%7D",
                query.ToRelativeUri());
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(InvoiceQuery.MaxPageSize + 1)]
        public void Refuses_a_page_size_outside_the_service_limits(int size) =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new InvoiceQuery { PageSize = size }.ToRelativeUri());

        [Fact]
        public void Refuses_a_negative_offset() =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new InvoiceQuery { Offset = -1 }.ToRelativeUri());
    }
}

namespace PartnerCenterInvoices.Tests
{
    public class InvoiceDateFilterTests
    {
        private static readonly DateTimeOffset From = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private static readonly DateTimeOffset To = new(2025, 3, 31, 23, 59, 59, TimeSpan.FromHours(2));

        [Fact]
        public void A_start_date_alone_is_one_field_filter() =>
            Assert.Equal("{\"Field\":\"InvoiceDate\",\"Value\":\"2025-01-01T00:00:00Z\",\"Operator\":\"greater_than_or_equals\"}",
                InvoiceDateFilter.Build(From, null));

        [Fact]
        public void An_end_date_alone_is_one_field_filter_in_utc() =>
            Assert.Equal("{\"Field\":\"InvoiceDate\",\"Value\":\"2025-03-31T21:59:59Z\",\"Operator\":\"less_than_or_equals\"}",
                InvoiceDateFilter.Build(null, To));

        [Fact]
        public void A_bare_date_means_the_whole_calendar_day_in_any_time_zone()
        {
            var berlinMidnight = new DateTimeOffset(2025, 1, 31, 0, 0, 0, TimeSpan.FromHours(1));
            Assert.Equal("{\"Field\":\"InvoiceDate\",\"Value\":\"2025-01-31T23:59:59Z\",\"Operator\":\"less_than_or_equals\"}",
                InvoiceDateFilter.Build(null, berlinMidnight));
            var newYorkMidnight = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5));
            Assert.Equal("{\"Field\":\"InvoiceDate\",\"Value\":\"2025-01-01T00:00:00Z\",\"Operator\":\"greater_than_or_equals\"}",
                InvoiceDateFilter.Build(newYorkMidnight, null));
        }

        [Fact]
        public void A_range_is_two_filters_joined_by_and() =>
            Assert.Equal("{\"Filters\":[{\"Field\":\"InvoiceDate\",\"Value\":\"2025-01-01T00:00:00Z\",\"Operator\":\"greater_than_or_equals\"}," +
                "{\"Field\":\"InvoiceDate\",\"Value\":\"2025-03-31T21:59:59Z\",\"Operator\":\"less_than_or_equals\"}],\"Operator\":\"and\"}",
                InvoiceDateFilter.Build(From, To));

        [Fact]
        public void No_dates_is_no_filter() => Assert.Null(InvoiceDateFilter.Build(null, null));

        [Fact]
        public void A_start_after_the_end_is_refused() => Assert.Throws<ArgumentException>(() => InvoiceDateFilter.Build(To, From));
    }
}
