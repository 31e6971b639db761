namespace Socialtjanst.Eligibility.Domain;

public static class Ages
{
    public const int Max = 130;

    /// <summary>Completed years on a day. Someone born on 29 February turns a year older on 28 February in other years.</summary>
    public static int CompletedYears(DateOnly birthDate, DateOnly day)
    {
        var years = day.Year - birthDate.Year;
        return birthDate.AddYears(years) > day ? years - 1 : years;
    }
}
