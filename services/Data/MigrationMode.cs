namespace Socialtjanst.Data;

/// <summary>What a service does with its migrations at start (Database:Migrations).</summary>
public enum MigrationMode
{
    /// <summary>Applies them at start, replicas taking turns (the embedded default, docker-compose).</summary>
    Run,

    /// <summary>Applies nothing; refuses to start while a migration is missing (pods in production: a Job migrates).</summary>
    Check,

    /// <summary>Applies them, runs the start-up work (the seed import, where enabled) and exits: the Job.</summary>
    Only,
}
