namespace Socialtjanst.FollowUp.Domain;

/// <summary>Why a follow-up is due.</summary>
public enum DueReason
{
    /// <summary>The kommun's interval since the decision or the last follow-up.</summary>
    Interval,

    /// <summary>The first follow-up for extensive, changing needs (e.g. within 2 months of the decision).</summary>
    ExtensiveFirst,

    /// <summary>Needs or circumstances changed: a follow-up is due at once.</summary>
    ChangedCircumstances,
}
