using Socialtjanst.Errors;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Hosting.Requests;

/// <summary>Required dates and from/to periods of a request, checked before any date arithmetic.</summary>
public static class Periods
{
    public static DateOnly Required(Date? date, string field) =>
        date.ToDateOnly(field) ?? throw Problems.InvalidArgument(field, "Fältet krävs.");

    /// <summary>from and to, both required, to neither before from nor after <paramref name="latest"/>(from).</summary>
    public static (DateOnly From, DateOnly To) Of(Date? from, Date? to, Func<DateOnly, DateOnly> latest, string tooLong)
    {
        var first = Required(from, "from");
        var last = Required(to, "to");
        if (last < first || last > latest(first))
        {
            throw Problems.InvalidArgument("to", tooLong);
        }

        return (first, last);
    }
}
