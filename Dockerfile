# The image `selene sweep k8s --image IMAGE` runs: selene as the entry point, so a pod's arguments are
# `sweep run /sweep/sweep.yaml --out /results` with JOB_COMPLETION_INDEX set by the Indexed Job.
#   docker build -t REGISTRY/selene:TAG .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Selene.Cli -c Release -o /app

# ASP.NET Core's runtime, as `selene serve` is in the same program.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["dotnet", "/app/selene.dll"]
