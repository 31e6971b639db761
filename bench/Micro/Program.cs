using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Micro
BenchmarkSwitcher.FromAssembly(typeof(Socialtjanst.Micro.EligibilityBenchmarks).Assembly).Run(args.Length > 0 ? args : ["--filter", "*"]);
