variable "name" {
  description = "Cluster name; also the name of the VPC and the prefix of every IAM role this module creates."
  type        = string
}

variable "kubernetes_version" {
  description = "EKS Kubernetes minor version (for example \"1.33\"). Upgrade one minor version at a time."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC; each AZ gets a /20 private subnet and a /24 public subnet carved from it."
  type        = string
  default     = "10.0.0.0/16"
}

variable "az_count" {
  description = "How many availability zones to spread subnets and nodes across (2 or 3)."
  type        = number
  default     = 3

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 3
    error_message = "az_count must be 2 or 3: EKS needs subnets in at least two AZs."
  }
}

variable "single_nat_gateway" {
  description = "true: one NAT gateway for the whole VPC (cheap, one AZ is a single point of failure: dev). false: one NAT gateway per AZ (prod)."
  type        = bool
}

variable "endpoint_public_access_cidrs" {
  description = "CIDR blocks allowed to reach the public Kubernetes API endpoint. Narrow this to your office/VPN egress in prod."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "node_groups" {
  description = "Sizes of the two managed node groups: system (Argo CD, controllers, observability) and apps (the shop's services and data stores)."
  type = object({
    system = object({
      instance_types = list(string)
      capacity_type  = string
      min_size       = number
      max_size       = number
      desired_size   = number
    })
    apps = object({
      instance_types = list(string)
      capacity_type  = string
      min_size       = number
      max_size       = number
      desired_size   = number
    })
  })
}

variable "cluster_admin_principal_arns" {
  description = "IAM role/user ARNs given cluster-admin through EKS access entries (in addition to the identity that runs terraform)."
  type        = list(string)
  default     = []
}

variable "secrets_prefix" {
  description = "Secrets Manager name prefix (without trailing slash) that External Secrets may read, e.g. \"platform/dev\"."
  type        = string
}

variable "external_secrets_namespace" {
  description = "Namespace the External Secrets Operator runs in (installed later by Argo CD)."
  type        = string
  default     = "external-secrets"
}

variable "external_secrets_service_account" {
  description = "Service account of the External Secrets Operator controller."
  type        = string
  default     = "external-secrets"
}

variable "tags" {
  description = "Tags added to every AWS resource this module creates."
  type        = map(string)
  default     = {}
}
