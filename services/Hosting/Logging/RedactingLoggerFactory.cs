using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Socialtjanst.Hosting.Logging;

/// <summary>
/// Every logger of a service, whichever providers write its lines: for the framework's and libraries' categories
/// (everything not the suite's own), every value of a log entry that is a request path, query string, URL or route
/// value is hidden by <see cref="RequestTargets"/> before any provider sees the entry, in the message and in its
/// structured values alike, at every level. In the categories that read requests (ASP.NET Core, Kestrel, gRPC) what
/// a value or an exception's message quotes is hidden too: that is where the framework repeats what it could not
/// read ("Invalid request line: '…'"); the exception keeps its type and stack trace. The suite's own categories
/// never log a request target or request content (TraceLogTests).
/// </summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    // One logger per category, as the inner factory keeps them: a handler made per request (JwtBearer's) asks for its
    // logger on every call. The inner loggers follow configuration changes themselves.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ILogger> loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName, Wrapped, inner);

    private static ILogger Wrapped(string categoryName, ILoggerFactory inner)
    {
        var logger = inner.CreateLogger(categoryName);
        var readsRequests = categoryName.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || categoryName.StartsWith("Grpc", StringComparison.Ordinal);
        return categoryName.StartsWith("Socialtjanst", StringComparison.Ordinal) ? logger : new RedactingLogger(logger, readsRequests);
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner, bool readsRequests) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (readsRequests && exception is not null)
            {
                exception = new RedactedException(exception);
            }

            if (state is not IReadOnlyList<KeyValuePair<string, object?>> values || Redacted(values, readsRequests) is not { } redacted)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var message = formatter(state, exception);
            foreach (var (from, to) in redacted.Changes.OrderByDescending(c => c.From.Length))
            {
                message = message.Replace(from, to, StringComparison.Ordinal);
            }

            inner.Log(logLevel, eventId, new RedactedState(redacted.Values, message), exception, static (s, _) => s.Message);
        }

        private static (KeyValuePair<string, object?>[] Values, List<(string From, string To)> Changes)? Redacted(IReadOnlyList<KeyValuePair<string, object?>> values, bool readsRequests)
        {
            KeyValuePair<string, object?>[]? copy = null;
            List<(string, string)>? changes = null;
            for (var i = 0; i < values.Count; i++)
            {
                var (key, value) = (values[i].Key, values[i].Value);
                // The template and the route patterns and endpoint names are the code's, not the caller's.
                if (key is "{OriginalFormat}" || key.Contains("Pattern", StringComparison.Ordinal) || key.Contains("Endpoint", StringComparison.Ordinal) || key.Contains("Template", StringComparison.Ordinal))
                {
                    continue;
                }

                // A route value is a segment of the caller's path, whatever its shape.
                if (key.StartsWith("RouteValue", StringComparison.Ordinal) && value is string { Length: > 0 } routeValue)
                {
                    copy ??= [.. values];
                    copy[i] = new(key, RequestTargets.Hidden);
                    (changes ??= []).Add((routeValue, RequestTargets.Hidden));
                    continue;
                }

                var text = value switch
                {
                    string s => s,
                    PathString p => p.ToString(),
                    QueryString q => q.ToString(),
                    Uri u => u.ToString(),
                    _ => null,
                };
                if (text is null)
                {
                    continue;
                }

                var hidden = RequestTargets.Redact(text);
                if (readsRequests)
                {
                    hidden = RequestTargets.HideQuoted(hidden);
                }

                if (hidden == text)
                {
                    continue;
                }

                copy ??= [.. values];
                copy[i] = new(key, hidden);
                (changes ??= []).Add((text, hidden));
                if (value is PathString path && path.Value is { } raw && raw != text)
                {
                    changes.Add((raw, hidden)); // the unescaped form, as a formatter may print it
                }
            }

            return copy is null ? null : (copy, changes!);
        }
    }

    /// <summary>An exception as the framework's categories may show it: its type, its message with what it quotes hidden, its stack trace.</summary>
    private sealed class RedactedException(Exception original)
        : Exception(RequestTargets.HideQuoted(original.Message), original.InnerException is { } cause ? new RedactedException(cause) : null)
    {
        public override string? StackTrace => original.StackTrace;

        public override string ToString() =>
            $"{original.GetType().FullName}: {Message}" + (InnerException is { } cause ? $" ---> {cause}" : "") + Environment.NewLine + StackTrace;
    }

    private sealed class RedactedState(KeyValuePair<string, object?>[] values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public int Count => values.Length;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => values.GetEnumerator();

        public override string ToString() => message;
    }
}
