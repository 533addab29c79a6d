variable "name" {
  description = "Cluster name; also the name of the VPC and the prefix of every IAM role this module creates (at most 21 characters)."
  type        = string

  # The pod-identity modules create their IAM roles with name_prefix = "<name>-external-secrets"
  # (the longest suffix, 17 characters), and IAM allows a name_prefix of at most 38 characters.
  validation {
    condition     = length(var.name) <= 21 && can(regex("^[a-z][a-z0-9-]*$", var.name))
    error_message = "name must be at most 21 characters (38 for IAM's name_prefix minus \"-external-secrets\") of lower-case letters, digits and dashes, starting with a letter."
  }
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
  description = "IAM role/user ARNs given cluster-admin through EKS access entries, in addition to the identity that runs terraform. Do not list that identity: it already has the cluster creator's access entry, EKS would refuse a second one at apply, so plan fails on it."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.cluster_admin_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/", arn))])
    error_message = "cluster_admin_principal_arns must hold IAM role or user ARNs (arn:aws:iam::<account>:role/... or :user/...), not STS assumed-role ARNs."
  }
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
