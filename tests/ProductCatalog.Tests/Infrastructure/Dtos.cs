namespace Platform.ProductCatalog.Tests.Infrastructure;

// The wire shapes as a client sees them (not the service's own types, so a renamed field fails a test).
public sealed record MoneyDto(string Currency, decimal Amount);

public sealed record ProductDto(string Id, string Name, string Description, string Picture, MoneyDto Price, string[] Categories);

public sealed record ProblemDto(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors);
