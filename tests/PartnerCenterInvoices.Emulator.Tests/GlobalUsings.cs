// The emulator is arranged in one namespace per service it stands in for; the specs read across them.
global using PartnerCenterInvoices.Emulator.BlobStorage;
global using PartnerCenterInvoices.Emulator.Control;
global using PartnerCenterInvoices.Emulator.Faults;
global using PartnerCenterInvoices.Emulator.GraphBilling;
global using PartnerCenterInvoices.Emulator.Hosting;
global using PartnerCenterInvoices.Emulator.Identity;
global using PartnerCenterInvoices.Emulator.PartnerCenter;
