using System.Globalization;
using Socialtjanst.Errors;

namespace Socialtjanst.Type.V1;

/// <summary>Dates as they are read in Europe/Stockholm, and their wire form.</summary>
public static class CivilDates
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    // Converting to a zone costs more than the rest of a check; the offset only changes on whole
    // hours in Europe/Stockholm, so it is remembered for the UTC hour it was computed in.
    private static OffsetAt lastOffset = new(long.MinValue, TimeSpan.Zero);

    public static DateOnly Today(TimeProvider clock)
    {
        var utc = clock.GetUtcNow();
        var hour = utc.UtcTicks / TimeSpan.TicksPerHour;
        var cached = Volatile.Read(ref lastOffset);
        if (cached.Hour != hour)
        {
            cached = new OffsetAt(hour, Stockholm.GetUtcOffset(utc));
            Volatile.Write(ref lastOffset, cached);
        }

        return DateOnly.FromDateTime(utc.UtcDateTime + cached.Offset);
    }

    /// <summary>The moment a day begins in Europe/Stockholm (the next day's start ends it).</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Stockholm.GetUtcOffset(local));
    }

    // A reference, so a reader never sees one hour with another hour's offset.
    private sealed record OffsetAt(long Hour, TimeSpan Offset);

    /// <summary>
    /// The years a date on the wire may have. Every rule adds at most a few years to a date (a follow-up
    /// interval, a three-month limit, a five-year report period), so the bound keeps date arithmetic far
    /// from DateOnly's end (9999-12-31), which answered INTERNAL before.
    /// </summary>
    public const int MinYear = 1900;

    public const int MaxYear = 2199;

    public static Date ToProto(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    /// <summary>The date, or null when the message is absent; INVALID_ARGUMENT naming the field if impossible.</summary>
    public static DateOnly? ToDateOnly(this Date? date, string field)
    {
        if (date is null)
        {
            return null;
        }

        if (date.Year is < MinYear or > MaxYear)
        {
            throw Problems.InvalidArgument(field, $"Året ska vara {MinYear}–{MaxYear}.");
        }

        if (date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            throw Problems.InvalidArgument(field, "Datumet finns inte.");
        }

        return new DateOnly(date.Year, date.Month, date.Day);
    }

    public static string ToIso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseIso(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
