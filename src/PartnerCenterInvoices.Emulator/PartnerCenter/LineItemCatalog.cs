using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The names line items are made of (customers, offers, Azure services, products, meters), encoded once.</summary>
/// <remarks>Believable rather than real: Microsoft's sample company names and product names as partners see them.</remarks>
internal static class LineItemCatalog
{
    private static readonly string[] Companies =
    [
        "Contoso", "Fabrikam", "Northwind Traders", "Adventure Works", "Tailspin Toys", "Wide World Importers", "Litware",
        "Proseware", "Woodgrove Bank", "Alpine Ski House", "Coho Winery", "Lucerne Publishing", "Margie's Travel",
        "Trey Research", "Wingtip Toys", "Blue Yonder Airlines", "Fourth Coffee", "Humongous Insurance", "Relecloud",
        "Southridge Video", "VanArsdel", "Bellows College", "A. Datum", "Consolidated Messenger",
    ];

    private static readonly string[] CompanySuffixes = [" Ltd", " GmbH", " Inc.", " AB", " BV", " AG"];

    public static readonly int CustomerCount = Companies.Length * CompanySuffixes.Length;

    /// <summary>Customer names, and their onmicrosoft.com domains at the same position.</summary>
    public static readonly JsonEncodedText[] CustomerNames = [.. Customers().Select(c => Encode(c.Name))];
    public static readonly JsonEncodedText[] CustomerDomains = [.. Customers().Select(c => Encode(c.Domain))];

    /// <summary>Office (license-based) offers: name and list price in US cents a license a month.</summary>
    public static readonly (JsonEncodedText Name, long Cents)[] OfficeOffers =
    [
        (Encode("Microsoft 365 Business Basic"), 600), (Encode("Microsoft 365 Business Standard"), 1250),
        (Encode("Microsoft 365 Business Premium"), 2200), (Encode("Office 365 E1"), 1000), (Encode("Office 365 E3"), 2300),
        (Encode("Microsoft 365 E3"), 3600), (Encode("Exchange Online (Plan 1)"), 400), (Encode("Microsoft Teams Essentials"), 400),
        (Encode("Power BI Pro"), 1400), (Encode("Visio Plan 2"), 1500), (Encode("Project Plan 3"), 3000),
        (Encode("Microsoft Defender for Endpoint P1"), 300),
    ];

    /// <summary>Azure services: name, type, resource, SKU, unit, and the meter category daily usage shows.</summary>
    public static readonly (JsonEncodedText Service, JsonEncodedText Type, JsonEncodedText Resource, JsonEncodedText Sku, JsonEncodedText Unit, JsonEncodedText ConsumedService)[] AzureServices =
    [
        (Encode("Virtual Machines"), Encode("Dv3/DSv3 Series"), Encode("D2 v3/D2s v3"), Encode("D2 v3"), Encode("1 Hour"), Encode("Microsoft.Compute")),
        (Encode("Storage"), Encode("Standard Page Blob"), Encode("LRS Data Stored"), Encode("Standard LRS"), Encode("1 GB/Month"), Encode("Microsoft.Storage")),
        (Encode("Azure App Service"), Encode("Basic Plan"), Encode("B1 App"), Encode("B1"), Encode("1 Hour"), Encode("Microsoft.Web")),
        (Encode("SQL Database"), Encode("Single Standard"), Encode("S1 DTUs"), Encode("S1"), Encode("1/Day"), Encode("Microsoft.Sql")),
        (Encode("Bandwidth"), Encode("Rtn Preference: MGN"), Encode("Standard Data Transfer Out"), Encode("Standard"), Encode("1 GB"), Encode("Microsoft.Network")),
        (Encode("Azure Kubernetes Service"), Encode("Standard"), Encode("Standard Uptime SLA"), Encode("Standard"), Encode("1 Hour"), Encode("Microsoft.ContainerService")),
        (Encode("Key Vault"), Encode("Standard"), Encode("Operations"), Encode("Standard"), Encode("10K"), Encode("Microsoft.KeyVault")),
        (Encode("Log Analytics"), Encode("Analytics Logs"), Encode("Data Ingestion"), Encode("Pay-as-you-go"), Encode("1 GB"), Encode("Microsoft.OperationalInsights")),
    ];

    /// <summary>Azure regions: display name and resource location.</summary>
    public static readonly (JsonEncodedText Name, JsonEncodedText Location)[] Regions =
    [
        (Encode("West Europe"), Encode("westeurope")), (Encode("North Europe"), Encode("northeurope")), (Encode("East US"), Encode("eastus")),
        (Encode("West US 2"), Encode("westus2")), (Encode("UK South"), Encode("uksouth")), (Encode("Japan East"), Encode("japaneast")),
        (Encode("Switzerland North"), Encode("switzerlandnorth")), (Encode("Sweden Central"), Encode("swedencentral")),
    ];

    /// <summary>New commerce products of the onetime provider: product id, SKU id, name, SKU name, price in US cents.</summary>
    public static readonly (JsonEncodedText ProductId, JsonEncodedText SkuId, JsonEncodedText Name, JsonEncodedText SkuName, long Cents)[] OneTimeProducts =
    [
        (Encode("CFQ7TTC0LH18"), Encode("0001"), Encode("Microsoft 365 Business Basic"), Encode("Microsoft 365 Business Basic"), 720),
        (Encode("CFQ7TTC0LDPB"), Encode("0001"), Encode("Microsoft 365 Business Standard"), Encode("Microsoft 365 Business Standard"), 1500),
        (Encode("CFQ7TTC0LCHC"), Encode("0002"), Encode("Microsoft 365 Business Premium"), Encode("Microsoft 365 Business Premium"), 2640),
        (Encode("CFQ7TTC0LFLX"), Encode("0002"), Encode("Microsoft 365 E3"), Encode("Microsoft 365 E3"), 4320),
        (Encode("CFQ7TTC0J203"), Encode("0008"), Encode("Windows 365 Business"), Encode("Windows 365 Business 2 vCPU, 8 GB, 128 GB"), 4100),
        (Encode("DZH318Z0BQ3Q"), Encode("006J"), Encode("Virtual Machines Dv3 Series"), Encode("Reserved VM Instance, Standard_D2s_v3, 1 Year"), 70000),
        (Encode("DZH318Z0BPS6"), Encode("0001"), Encode("Azure plan"), Encode("Azure plan"), 10000),
    ];

    /// <summary>Third-party products of the marketplace provider: publisher, product, SKU, price in US cents.</summary>
    public static readonly (JsonEncodedText Publisher, JsonEncodedText PublisherId, JsonEncodedText Product, JsonEncodedText Sku, long Cents)[] MarketplaceProducts =
    [
        (Encode("Litware Security"), Encode("litware"), Encode("Litware Endpoint Shield"), Encode("Per device"), 900),
        (Encode("Proseware, Inc."), Encode("proseware"), Encode("Proseware Backup for Microsoft 365"), Encode("Per user"), 350),
        (Encode("Trey Research"), Encode("treyresearch"), Encode("Trey Insights Analytics"), Encode("Standard"), 25000),
        (Encode("Fourth Coffee Software"), Encode("fourthcoffee"), Encode("Fourth Coffee Workflow"), Encode("Team"), 1200),
    ];

    /// <summary>Charge types as the service spells them.</summary>
    public static readonly JsonEncodedText[] OfficeChargeTypes = [Encode("Cycle fee"), Encode("Prorate fees when purchase"), Encode("Cycle instance prorate")];
    public static readonly JsonEncodedText[] OneTimeChargeTypes = [Encode("new"), Encode("renew"), Encode("cycleCharge"), Encode("addQuantity")];

    public static readonly JsonEncodedText[] TermsAndCycles =
    [
        Encode("One-Year commitment for monthly/yearly billing"), Encode("One-Month commitment for monthly billing"),
        Encode("Three-Year commitment for yearly billing"),
    ];

    public static readonly JsonEncodedText[] ResourceGroups = [Encode("rg-prod"), Encode("rg-web"), Encode("rg-data"), Encode("rg-shared"), Encode("rg-test")];

    private static IEnumerable<(string Name, string Domain)> Customers()
    {
        foreach (var suffix in CompanySuffixes)
            foreach (var company in Companies)
                yield return (company + suffix, new string([.. (company + suffix.Trim('.', ' ')).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]) + ".onmicrosoft.com");
    }

    private static JsonEncodedText Encode(string text) => JsonEncodedText.Encode(text, JsonResponse.WriterOptions.Encoder);
}
