namespace Socialtjanst.FollowUp.Application;

/// <summary>Where a delay stands in the IVO list: by deadline, then decision, the execution before its interruptions.</summary>
public sealed record DelayKey(DateOnly Deadline, string Decision, bool Interruption) : IComparable<DelayKey>
{
    public int CompareTo(DelayKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byDeadline = Deadline.CompareTo(other.Deadline);
        if (byDeadline != 0)
        {
            return byDeadline;
        }

        var byDecision = string.CompareOrdinal(Decision, other.Decision);
        return byDecision != 0 ? byDecision : Interruption.CompareTo(other.Interruption);
    }
}
