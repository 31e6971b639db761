namespace Socialtjanst.NoteScanning;

/// <summary>The kind of personal identifier a detection is.</summary>
public enum IdentifierKind
{
    Name,
    Personnummer,
    Samordningsnummer,
    Phone,
    Email,
    Address,
}
