// The emulator's folders are the services it stands in for (Identity, PartnerCenter, GraphBilling, BlobStorage) and what they
// share (Faults, Control, Hosting). Program.cs wires them together and the services answer each
// other's requests (the API checks tokens the identity side issued), so every folder sees the others.
global using PartnerCenterInvoices.Emulator.BlobStorage;
global using PartnerCenterInvoices.Emulator.Control;
global using PartnerCenterInvoices.Emulator.Faults;
global using PartnerCenterInvoices.Emulator.GraphBilling;
global using PartnerCenterInvoices.Emulator.Hosting;
global using PartnerCenterInvoices.Emulator.Identity;
global using PartnerCenterInvoices.Emulator.PartnerCenter;
