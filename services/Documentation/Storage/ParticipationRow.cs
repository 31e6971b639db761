namespace Socialtjanst.Documentation.Storage;

/// <summary>A stored participation.</summary>
public sealed class ParticipationRow
{
    public string Day { get; set; } = "";

    public long AgeBand { get; set; }

    public long Gender { get; set; }

    public long WellbeingStart { get; set; }

    public long WellbeingEnd { get; set; }

    public long EarlyEndReason { get; set; }
}
