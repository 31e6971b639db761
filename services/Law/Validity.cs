namespace Socialtjanst.Law;

/// <summary>
/// "In force on a day", the one definition every service uses (an act, a catalog version, a kommun's rules, a
/// follow-up period): from its first day to its last, both days included; without a last day, open-ended.
/// </summary>
public static class Validity
{
    public static bool InForceOn(DateOnly day, DateOnly from, DateOnly? to) => from <= day && (to is null || day <= to);
}
