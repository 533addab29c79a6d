namespace Platform.Ad.Model;

/// <summary>One ad of the table: the category it is shown for, its text, and the storefront page it leads to.</summary>
public sealed record Ad(string Category, string Text, string RedirectUrl);
