variable "cluster_name" {
  description = "EKS cluster name (the AWS Load Balancer Controller tags what it creates with it)."
  type        = string
}

variable "region" {
  description = "AWS region of the cluster."
  type        = string
}

variable "vpc_id" {
  description = "VPC id, so the AWS Load Balancer Controller does not depend on the instance metadata service."
  type        = string
}

variable "aws_lb_controller_chart_version" {
  description = "Version of the eks-charts aws-load-balancer-controller chart."
  type        = string
}

variable "argocd_chart_version" {
  description = "Version of the argo-helm argo-cd chart (pinned: an upgrade is a reviewed change)."
  type        = string
}

variable "argocd_apps_chart_version" {
  description = "Version of the argo-helm argocd-apps chart that creates the root Application."
  type        = string
}

variable "argocd_admin_password_bcrypt" {
  description = "bcrypt hash of the Argo CD admin password (from the platform-secrets module; the clear text stays in Secrets Manager)."
  type        = string
  sensitive   = true
}

variable "argocd_admin_password_mtime" {
  description = "RFC 3339 time the admin password was last set. Pinned: left empty, the chart writes the current time on every upgrade and logs every admin out."
  type        = string

  validation {
    condition     = can(formatdate("YYYY", var.argocd_admin_password_mtime))
    error_message = "argocd_admin_password_mtime must be an RFC 3339 timestamp such as 2026-12-01T00:00:00Z."
  }
}

variable "gitops_repo_url" {
  description = "Git repository Argo CD syncs the Platform from (this repository)."
  type        = string
}

variable "gitops_target_revision" {
  description = "Branch, tag or commit of gitops_repo_url to track."
  type        = string
  default     = "main"
}

variable "gitops_path" {
  description = "Directory in gitops_repo_url holding the environment's Argo CD applications (app of apps): deploy/argocd/dev or deploy/argocd/prod."
  type        = string
}

variable "use_oci_chart" {
  description = "false: the root Application syncs gitops_path from git. true: it installs the Platform chart from the OCI registry instead. Exactly one source is active."
  type        = bool
  default     = false
}

variable "oci_chart_repository" {
  description = "OCI registry path holding the Platform chart, without scheme (e.g. \"ghcr.io/acme/charts\"). Used only when use_oci_chart = true."
  type        = string
  default     = ""
}

variable "oci_chart_name" {
  description = "Name of the Platform chart in oci_chart_repository."
  type        = string
  default     = "platform"
}

variable "oci_chart_version" {
  description = "Version (tag) of the Platform chart in oci_chart_repository."
  type        = string
  default     = ""
}
