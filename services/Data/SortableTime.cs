using System.Globalization;

namespace Socialtjanst.Data;

/// <summary>A moment as stored text: fixed-width UTC to the tick (2026-11-26T17:50:00.0000000Z), so text order is time order on both engines.</summary>
public static class SortableTime
{
    public static string Of(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
