# dev: the whole Platform at the lowest sensible cost. Two AZs, one NAT gateway, small nodes,
# spot capacity for the stateless apps, secrets deleted at once on destroy.

locals {
  secrets_prefix = "platform/dev"

  tags = {
    Project     = "platform"
    Environment = "dev"
    ManagedBy   = "terraform"
  }
}

module "cluster" {
  source = "../../modules/cluster"

  name               = var.name
  kubernetes_version = var.kubernetes_version
  az_count           = var.az_count
  single_nat_gateway = true

  endpoint_public_access_cidrs = var.endpoint_public_access_cidrs
  cluster_admin_principal_arns = var.cluster_admin_principal_arns
  secrets_prefix               = local.secrets_prefix

  node_groups = {
    system = {
      instance_types = ["t3.large"]
      capacity_type  = "ON_DEMAND"
      min_size       = 1
      max_size       = 3
      desired_size   = 2
    }
    apps = {
      instance_types = ["t3.large", "t3a.large", "m5.large"]
      capacity_type  = "SPOT"
      min_size       = 1
      max_size       = 4
      desired_size   = 2
    }
  }
}

module "platform_secrets" {
  source = "../../modules/platform-secrets"

  prefix                  = local.secrets_prefix
  recovery_window_in_days = 0
}

module "argocd_bootstrap" {
  source = "../../modules/argocd-bootstrap"

  cluster_name = module.cluster.cluster_name
  region       = var.region
  vpc_id       = module.cluster.vpc_id

  aws_lb_controller_chart_version = "1.13.0"
  argocd_chart_version            = "8.3.0"
  argocd_apps_chart_version       = "2.0.2"
  argocd_admin_password_bcrypt    = module.platform_secrets.argocd_admin_password_bcrypt
  argocd_admin_password_mtime     = module.platform_secrets.argocd_admin_password_mtime

  gitops_repo_url        = var.gitops_repo_url
  gitops_target_revision = var.gitops_target_revision
  gitops_path            = var.gitops_path

  use_oci_chart        = var.use_oci_chart
  oci_chart_repository = var.oci_chart_repository
  oci_chart_version    = var.oci_chart_version

  # Helm needs the nodes (and the pod identity of the load balancer controller) before it installs.
  depends_on = [module.cluster]
}
