# Every credential the Platform needs is generated here, stored in AWS Secrets Manager under one
# prefix, and synced into Kubernetes by External Secrets. No value is ever typed into a tfvars
# file or printed as an output. (The values do live in the Terraform state: keep the state bucket
# encrypted and access-controlled.)

locals {
  # key = secret name under the prefix; value = what it holds (for the description).
  secrets = {
    postgresql              = "PostgreSQL password of the accounting database user"
    redis                   = "Redis password (requirepass) of the Cart's store"
    grafana-admin           = "Grafana admin password"
    flagservice-admin-token = "Bearer token that allows changing flags through FlagService's API"
    argocd-admin            = "Argo CD admin password (the helm release gets its bcrypt hash)"
  }
}

resource "random_password" "postgresql" {
  length = 32
  # URL- and connection-string-safe: no characters that need escaping in a Npgsql string.
  special = false
}

resource "random_password" "redis" {
  length = 32
  # Goes into a StackExchange.Redis connection string: no characters that need escaping there.
  special = false
}

resource "random_password" "grafana_admin" {
  length  = 24
  special = false
}

resource "random_password" "flagservice_admin_token" {
  length  = 48
  special = false
}

resource "random_password" "argocd_admin" {
  length  = 24
  special = false
}

# When the Argo CD admin password last changed. The argo-cd chart stamps admin.passwordMtime with
# the current time whenever argocdServerAdminPasswordMtime is empty, so every helm upgrade would
# log every admin out; this timestamp moves only when the password itself is replaced.
resource "time_static" "argocd_admin_rotation" {
  triggers = {
    bcrypt_hash = random_password.argocd_admin.bcrypt_hash
  }
}

resource "aws_secretsmanager_secret" "this" {
  for_each = local.secrets

  name                    = "${var.prefix}/${each.key}"
  description             = each.value
  recovery_window_in_days = var.recovery_window_in_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "postgresql" {
  secret_id = aws_secretsmanager_secret.this["postgresql"].id
  secret_string = jsonencode({
    username = "accounting"
    password = random_password.postgresql.result
  })
}

resource "aws_secretsmanager_secret_version" "redis" {
  secret_id = aws_secretsmanager_secret.this["redis"].id
  secret_string = jsonencode({
    password = random_password.redis.result
  })
}

resource "aws_secretsmanager_secret_version" "grafana_admin" {
  secret_id = aws_secretsmanager_secret.this["grafana-admin"].id
  secret_string = jsonencode({
    username = "admin"
    password = random_password.grafana_admin.result
  })
}

resource "aws_secretsmanager_secret_version" "flagservice_admin_token" {
  secret_id = aws_secretsmanager_secret.this["flagservice-admin-token"].id
  secret_string = jsonencode({
    token = random_password.flagservice_admin_token.result
  })
}

resource "aws_secretsmanager_secret_version" "argocd_admin" {
  secret_id = aws_secretsmanager_secret.this["argocd-admin"].id
  secret_string = jsonencode({
    username = "admin"
    password = random_password.argocd_admin.result
  })
}
