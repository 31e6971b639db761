namespace Socialtjanst.Type.V1;

/// <summary>Conversions of the wire Date. Validation that names the offending field lives in Hosting.</summary>
public sealed partial class Date
{
    public static Date From(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    /// <summary>The date; the message must already have been validated.</summary>
    public DateOnly ToDateOnly() => new(Year, Month, Day);
}
