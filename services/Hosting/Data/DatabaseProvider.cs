namespace Socialtjanst.Hosting.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
