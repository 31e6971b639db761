namespace Socialtjanst.Type.V1;

// Conversions of the wire Date; validation that names the offending field is CivilDates.ToDateOnly(field). (A plain
// comment: a documentation comment here would replace the proto's own description of Date in the OpenAPI documents.)
public sealed partial class Date
{
    public static Date From(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    /// <summary>The date; the message must already have been validated.</summary>
    public DateOnly ToDateOnly() => new(Year, Month, Day);
}
