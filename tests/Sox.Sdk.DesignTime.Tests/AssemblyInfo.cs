// MSBuild's global state (the Locator's registration, environment variables such as NUGET_PACKAGES) belongs to the
// whole process: the tests run one after another.
[assembly: DoNotParallelize]
