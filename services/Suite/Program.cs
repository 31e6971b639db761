using Socialtjanst.Suite;

return await SuiteHost.RunAsync(args, SuiteServices.All);
