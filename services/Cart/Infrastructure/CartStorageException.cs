namespace Platform.Cart.Infrastructure;

/// <summary>The cart storage (Redis) failed or did not answer in time; the inner exception says how.</summary>
public sealed class CartStorageException(string message, Exception innerException) : Exception(message, innerException);
