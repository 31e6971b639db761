using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Socialtjanst.Settings;

/// <summary>The one way a service reads its settings: bound from their section, checked against their ranges, at start.</summary>
public static class SettingsReader
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from its section, checks it now and registers that instance (and IOptions of
    /// it, checked again on start with ValidateOnStart); returns it for what the builder decides from it.
    /// A value outside its range stops the start with the key and the allowed range named, never the value.
    /// </summary>
    public static T AddSettings<T>(this IHostApplicationBuilder builder) where T : class, ISettings, new()
    {
        var value = Read<T>(builder.Configuration);
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(T.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(value);
        return value;
    }

    /// <summary>The settings as configured (defaults where not), checked against their ranges.</summary>
    public static T Read<T>(IConfiguration configuration) where T : class, ISettings, new()
    {
        var value = configuration.GetSection(T.Section).Get<T>() ?? new T();
        var result = new DataAnnotationValidateOptions<T>(Options.DefaultName).Validate(Options.DefaultName, value);
        return result.Failed
            ? throw new OptionsValidationException(T.Section, typeof(T), result.Failures.Select(f => $"{T.Section}: {f}"))
            : value;
    }
}
