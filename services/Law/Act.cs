namespace Socialtjanst.Law;

/// <summary>An act of law and the days it is in force.</summary>
public sealed record Act(string ShortName, string Sfs, DateOnly InForceFrom, DateOnly? InForceTo)
{
    /// <summary>How answers name the act: "SoL" for the act in force now, "SoL (2001:453)" for the repealed one.</summary>
    public string Citation => InForceTo is null ? ShortName : $"{ShortName} ({Sfs})";

    public bool InForceOn(DateOnly day) => Validity.InForceOn(day, InForceFrom, InForceTo);
}
