using System.Data.Common;
using System.Globalization;
using Dapper;
using Google.Protobuf;
using Socialtjanst.Errors;

namespace Socialtjanst.Data;

/// <summary>
/// The request log every service keeps in its own database (table request_log), so a replayed
/// request id returns the first answer and writes nothing. Runs inside the caller's transaction.
/// </summary>
public static class RequestLog
{
    public static Task<RequestRecord?> FindAsync(DbConnection connection, DbTransaction? tx, string code, string requestId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<RequestRecord?>(new CommandDefinition(
            "SELECT method AS Method, request_hash AS RequestHash, response AS Response FROM request_log WHERE municipality_code = @code AND request_id = @requestId",
            SqlParameters.Of(new { code, requestId }), tx, cancellationToken: ct));

    public static Task LogAsync(DbConnection connection, DbTransaction tx, string code, string requestId, string method, string requestHash, byte[] response, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO request_log (municipality_code, request_id, method, request_hash, response, created_at) VALUES (@code, @requestId, @method, @requestHash, @response, @createdAt)",
            SqlParameters.Of(new { code, requestId, method, requestHash, response, createdAt = now.ToString("O", CultureInfo.InvariantCulture) }), tx, cancellationToken: ct));

    /// <summary>
    /// The first answer when the request id was used before for the same request; null when it is
    /// new; INVALID_ARGUMENT naming request_id when it was used for another request.
    /// </summary>
    public static T? Replay<T>(RequestRecord? record, string method, string hash) where T : class, IMessage<T>, new()
    {
        if (record is null)
        {
            return null;
        }

        if (record.Method != method || record.RequestHash != hash)
        {
            throw Problems.InvalidArgument("request_id", "Request-id har redan använts för en annan begäran.");
        }

        return new MessageParser<T>(() => new T()).ParseFrom(record.Response);
    }
}
