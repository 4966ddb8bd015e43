using System;
using System.IO;
using PartnerCenterInvoices.Documents;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class StatementFileTests
    {
        [Theory]
        [InlineData("G000012345", null, "G000012345.pdf")]
        [InlineData("G000012345", "TR-7", "G000012345-TR-7.pdf")]
        [InlineData("../../etc/passwd", null, "______etc_passwd.pdf")]
        [InlineData("..\\..\\x", null, "______x.pdf")]
        [InlineData("C:\\Windows\\evil", null, "C__Windows_evil.pdf")]
        [InlineData("a/b", "../c", "a_b-___c.pdf")]
        public void Names_a_file_from_ids_with_nothing_but_safe_characters(string invoiceId, string? receiptId, string expected) =>
            Assert.Equal(expected, StatementFile.FileName(invoiceId, receiptId));

        [Fact]
        public void A_hostile_id_still_lands_inside_the_folder()
        {
            var folder = Path.Combine(Path.GetTempPath(), "statements");
            var path = StatementFile.PathInFolder(folder, StatementFile.FileName("../../../tmp/owned"));
            Assert.Equal(Path.GetFullPath(folder), Path.GetDirectoryName(path));
        }

        [Theory]
        [InlineData("../escape.pdf")]
        [InlineData("sub/inner.pdf")]
        public void Refuses_a_file_name_that_leaves_the_folder(string fileName) =>
            Assert.Throws<ArgumentException>(() => StatementFile.PathInFolder(Path.GetTempPath(), fileName));

        [Fact]
        public void Refuses_an_empty_id() => Assert.Throws<ArgumentException>(() => StatementFile.FileName("  "));
    }
}

namespace PartnerCenterInvoices.Tests
{
    public class ServiceIdTests
    {
        [Theory]
        [InlineData(".")]
        [InlineData("..")]
        [InlineData("a/b")]
        [InlineData("..\\x")]
        [InlineData("x?y")]
        [InlineData("%2e%2e")]
        [InlineData("  ")]
        public void Refuses_ids_that_could_walk_or_bend_the_url(string id) =>
            Assert.Equal("invoice id", Assert.Throws<InvalidServiceIdException>(() => ServiceId.Require(id, "invoice id")).What);

        [Theory]
        [InlineData("G000012345")]
        [InlineData(" D000-1_a ")]
        public void Accepts_and_trims_real_ids(string id) => Assert.Equal(id.Trim(), ServiceId.Require(id, "invoice id"));
    }
}
