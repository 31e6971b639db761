using Socialtjanst.Type.V1;

namespace Socialtjanst.TestSupport;

public static class D
{
    public static Date Of(int year, int month, int day) => new() { Year = year, Month = month, Day = day };
}

public static class InterventionExtensions
{
    public static Catalog.V1.Intervention With(this Catalog.V1.Intervention iv, Action<Catalog.V1.Intervention> change)
    {
        var copy = iv.Clone();
        change(copy);
        return copy;
    }
}
