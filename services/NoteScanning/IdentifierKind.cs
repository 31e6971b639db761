namespace Socialtjanst.NoteScanning;

/// <summary>
/// The kind of personal identifier a detection is. <see cref="ContractName"/> is the contract's name for it
/// (documentation.v1.IdentifierKind, matched by name), <see cref="Detector"/> the detector's name in a
/// finding. The built-in kinds are here; a detector in Detectors/ may declare its own.
/// </summary>
public sealed class IdentifierKind
{
    public static readonly IdentifierKind Name = new("Name", "name");
    public static readonly IdentifierKind Personnummer = new("Personnummer", "personnummer");
    public static readonly IdentifierKind Samordningsnummer = new("Samordningsnummer", "samordningsnummer");
    public static readonly IdentifierKind Phone = new("Phone", "phone");
    public static readonly IdentifierKind Email = new("Email", "email");
    public static readonly IdentifierKind Address = new("Address", "address");
    public static readonly IdentifierKind Institution = new("Institution", "institution");
    public static readonly IdentifierKind BirthDate = new("BirthDate", "birth_date");
    public static readonly IdentifierKind BankAccount = new("BankAccount", "bank_account");
    public static readonly IdentifierKind VehicleRegistration = new("VehicleRegistration", "vehicle_registration");
    public static readonly IdentifierKind DocumentNumber = new("DocumentNumber", "document_number");
    public static readonly IdentifierKind Username = new("Username", "username");

    private static IReadOnlyList<IdentifierKind>? all;

    public IdentifierKind(string contractName, string detector)
    {
        ContractName = contractName;
        Detector = detector;
    }

    /// <summary>The contract's name of the kind, e.g. "Personnummer".</summary>
    public string ContractName { get; }

    /// <summary>The detector's name, e.g. "personnummer".</summary>
    public string Detector { get; }

    /// <summary>Every kind the scanner can report: the built-in ones and each plug-in detector's.</summary>
    public static IReadOnlyList<IdentifierKind> All =>
        all ??= [.. new[] { Name, Personnummer, Samordningsnummer, Phone, Email, Address, Institution, BirthDate, BankAccount, VehicleRegistration, DocumentNumber, Username }.Concat(AnchoredDetectors.All.Select(d => d.Kind)).Distinct()];

    public override string ToString() => ContractName;
}
