using System;
using PartnerCenterInvoices.Documents;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class PropertyGettersTests
    {
        private class Base
        {
            public string? Inherited { get; set; }
        }

        private sealed class Row : Base
        {
            public decimal Amount { get; set; }
            public DateTimeOffset? When { get; set; }
            public string this[int index] => index.ToString();
            public string WriteOnly { set { } }
            public int Same { get; set; }
            public int SAME { get; set; }
        }

        [Fact]
        public void Reads_a_property_by_name_in_any_case_declared_on_the_type_or_its_base()
        {
            var row = new Row { Inherited = "base", Amount = -12.5m, When = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) };
            Assert.Equal(-12.5m, PropertyGetters.For(typeof(Row), "amount")!(row));
            Assert.Equal("base", PropertyGetters.For(typeof(Row), "Inherited")!(row));
            Assert.Equal(row.When, PropertyGetters.For(typeof(Row), "WHEN")!(row));
            Assert.Null(PropertyGetters.For(typeof(Row), "When")!(new Row()));
        }

        [Theory]
        [InlineData("Missing")]
        [InlineData("Item")]
        [InlineData("WriteOnly")]
        [InlineData("same")]
        public void Has_no_getter_for_what_is_not_one_readable_property(string name) => Assert.Null(PropertyGetters.For(typeof(Row), name));
    }
}
