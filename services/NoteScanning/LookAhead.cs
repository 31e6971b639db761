namespace Socialtjanst.NoteScanning;

/// <summary>The next word's classes and evidence, read by a look-ahead rule and kept for when the scan reaches it.</summary>
internal struct LookAhead()
{
    public int Start = -1;
    public WordClass Class;
    public ulong Hash;
    public int EvidenceAt = -1;
    public NameRules.Evidence Evidence;
}
