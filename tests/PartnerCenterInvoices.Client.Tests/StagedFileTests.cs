using System;
using System.IO;
using System.Linq;
using System.Text;
using PartnerCenterInvoices.Documents;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public sealed class StagedFileTests : IDisposable
    {
        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "staged-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private string Target => Path.Combine(_folder, "sheet.csv");

        private static void Write(StagedFile file, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            file.Stream.Write(bytes, 0, bytes.Length);
        }

        [Fact]
        public void A_new_file_takes_the_target_s_place_only_on_commit()
        {
            File.WriteAllText(Target, "old");
            using (var file = StagedFile.Replacing(Target))
            {
                Write(file, "new");
                Assert.Equal("old", File.ReadAllText(Target));
                Assert.True(File.Exists(file.StagedPath));
                Assert.Equal(_folder, Path.GetDirectoryName(file.StagedPath));
                file.Commit();
            }
            Assert.Equal("new", File.ReadAllText(Target));
            Assert.Equal(new[] { Target }, Directory.GetFiles(_folder));
        }

        [Fact]
        public void Discarding_leaves_the_target_as_it_was_and_nothing_beside_it()
        {
            File.WriteAllText(Target, "old");
            using (var file = StagedFile.Replacing(Target))
            {
                Write(file, new string('x', 200_000));
            }
            Assert.Equal("old", File.ReadAllText(Target));
            Assert.Equal(new[] { Target }, Directory.GetFiles(_folder));
        }

        [Fact]
        public void A_discarded_append_is_cut_back_to_where_the_file_ended()
        {
            File.WriteAllText(Target, "header\nrow 1\n");
            var before = File.ReadAllBytes(Target);
            using (var file = StagedFile.Appending(Target))
            {
                Write(file, new string('x', 200_000));
                file.Discard();
            }
            Assert.Equal(before, File.ReadAllBytes(Target));
        }

        [Fact]
        public void No_clobber_refuses_a_target_that_appeared_meanwhile_and_leaves_it()
        {
            using var file = StagedFile.Replacing(Target, noClobber: true);
            Write(file, "new");
            File.WriteAllText(Target, "someone else's");
            Assert.ThrowsAny<IOException>(() => file.Commit());
            Assert.Equal("someone else's", File.ReadAllText(Target));
            Assert.Equal(new[] { Target }, Directory.GetFiles(_folder));
        }
    }

    public class SheetColumnsTests
    {
        [Fact]
        public void Line_items_get_every_shape_s_columns_the_shared_ones_first()
        {
            var columns = SheetColumns.ForRowsLike(typeof(UsageBasedLineItem))!;
            Assert.Same(columns, SheetColumns.ForRowsLike(typeof(DailyRatedUsageLineItem)));
            Assert.Equal(new[] { "InvoiceNumber", "BillingProvider", "InvoiceLineItemType", "PartnerId", "CustomerId", "CustomerName", "Currency", "LineTotal" }, columns.Take(8));
            foreach (var shape in new[] { typeof(UsageBasedLineItem), typeof(LicenseBasedLineItem), typeof(OneTimeInvoiceLineItem), typeof(DailyRatedUsageLineItem) })
                Assert.Empty(shape.GetProperties().Select(p => p.Name).Except(columns));
            Assert.Equal(columns.Count, columns.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }

        [Fact]
        public void Rows_of_one_shape_keep_Export_Csv_s_columns()
        {
            Assert.Null(SheetColumns.ForRowsLike(typeof(Invoice)));
            Assert.Null(SheetColumns.ForRowsLike(typeof(string)));
        }
    }
}
