variable "region" {
  description = "AWS region to build the environment in."
  type        = string
}

variable "name" {
  description = "Environment name: the EKS cluster, VPC and IAM roles are named after it."
  type        = string
  default     = "platform-prod"
}

variable "kubernetes_version" {
  description = "EKS Kubernetes minor version."
  type        = string
  default     = "1.33"
}

variable "az_count" {
  description = "Availability zones to spread over (2 or 3)."
  type        = number
  default     = 3
}

variable "endpoint_public_access_cidrs" {
  description = "CIDR blocks allowed to reach the public Kubernetes API endpoint (no default in prod: name your office/VPN/CI ranges)."
  type        = list(string)
}

variable "cluster_admin_principal_arns" {
  description = "Extra IAM principals (e.g. an SSO admin role) given cluster-admin through EKS access entries."
  type        = list(string)
  default     = []
}

variable "gitops_repo_url" {
  description = "URL of this repository, which Argo CD syncs deploy/argocd from."
  type        = string
}

variable "gitops_target_revision" {
  description = "Branch, tag or commit Argo CD tracks."
  type        = string
  default     = "main"
}

variable "gitops_path" {
  description = "Path of the app-of-apps directory in the repository (the prod overlay of deploy/argocd)."
  type        = string
  default     = "deploy/argocd/prod"
}

variable "use_oci_chart" {
  description = "Install the Platform from the OCI chart instead of the git path (exactly one source is active)."
  type        = bool
  default     = false
}

variable "oci_chart_repository" {
  description = "OCI registry path of the Platform chart, without scheme (e.g. \"ghcr.io/acme/charts\")."
  type        = string
  default     = ""
}

variable "oci_chart_version" {
  description = "Version of the Platform chart to install when use_oci_chart = true."
  type        = string
  default     = ""
}
