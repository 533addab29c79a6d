################################################################################
# AWS Load Balancer Controller
# Installed here rather than by Argo CD because it needs values only Terraform knows
# (cluster name, VPC id) and its IAM role is created next to the cluster.
################################################################################

resource "helm_release" "aws_load_balancer_controller" {
  name       = "aws-load-balancer-controller"
  namespace  = "kube-system"
  repository = "https://aws.github.io/eks-charts"
  chart      = "aws-load-balancer-controller"
  version    = var.aws_lb_controller_chart_version

  values = [yamlencode({
    clusterName = var.cluster_name
    region      = var.region
    vpcId       = var.vpc_id
    # The service account name matches the EKS Pod Identity association of the cluster module.
    serviceAccount = {
      create = true
      name   = "aws-load-balancer-controller"
    }
  })]
}

################################################################################
# Argo CD
################################################################################

resource "helm_release" "argocd" {
  name             = "argocd"
  namespace        = "argocd"
  create_namespace = true
  repository       = "https://argoproj.github.io/argo-helm"
  chart            = "argo-cd"
  version          = var.argocd_chart_version

  # Wait until the CRDs and the repo server are up: the root Application below needs both.
  wait    = true
  timeout = 900

  values = [yamlencode({
    # The UI stays internal (ClusterIP): reach it with `kubectl port-forward`, see outputs.
    server = {
      service = {
        type = "ClusterIP"
      }
    }
    configs = {
      secret = {
        argocdServerAdminPasswordMtime = var.argocd_admin_password_mtime
      }
      cm = {
        # Argo CD no longer reports the health of an Application resource by default, so an app of
        # apps would not wait for a wave's child Applications. This restores it: the operators
        # (wave -30) are Healthy, CRDs included, before the ClusterSecretStore (-20) and the
        # observability stack (-10), and those before the Platform (0).
        "resource.customizations.health.argoproj.io_Application" = <<-LUA
          hs = {}
          hs.status = "Progressing"
          hs.message = ""
          if obj.status ~= nil and obj.status.health ~= nil then
            hs.status = obj.status.health.status
            if obj.status.health.message ~= nil then
              hs.message = obj.status.health.message
            end
          end
          return hs
        LUA
      }
      # Registers the OCI registry as a Helm repository (only when the OCI source is used).
      repositories = var.use_oci_chart ? {
        platform-oci = {
          name      = "platform-oci"
          type      = "helm"
          url       = var.oci_chart_repository
          enableOCI = "true"
        }
      } : {}
    }
  })]

  # A bcrypt hash, not the password: the chart writes it into the argocd-secret.
  # It comes from random_password.bcrypt_hash, which is stable across plans (bcrypt() is not).
  set_sensitive = [{
    name  = "configs.secret.argocdServerAdminPassword"
    value = var.argocd_admin_password_bcrypt
  }]

  depends_on = [helm_release.aws_load_balancer_controller]
}

################################################################################
# Root Application (app of apps)
# Through the argocd-apps chart: a kubernetes_manifest of kind Application cannot be
# planned on a fresh cluster, because the Application CRD does not exist until Argo CD
# is installed.
################################################################################

locals {
  git_source = {
    repoURL        = var.gitops_repo_url
    targetRevision = var.gitops_target_revision
    path           = var.gitops_path
    chart          = null
  }

  oci_source = {
    repoURL        = var.oci_chart_repository
    targetRevision = var.oci_chart_version
    path           = null
    chart          = var.oci_chart_name
  }

  # Exactly one source is active. The null attribute of the chosen shape is dropped so Argo CD
  # sees either {repoURL, targetRevision, path} or {repoURL, targetRevision, chart}.
  selected_source = var.use_oci_chart ? local.oci_source : local.git_source
  platform_source = { for k, v in local.selected_source : k => v if v != null }
}

resource "helm_release" "root_app" {
  name       = "platform-root"
  namespace  = helm_release.argocd.namespace
  repository = "https://argoproj.github.io/argo-helm"
  chart      = "argocd-apps"
  version    = var.argocd_apps_chart_version

  values = [yamlencode({
    applications = {
      platform = {
        namespace = helm_release.argocd.namespace
        project   = "default"
        # Deleting the root Application deletes what it deployed (used by `terraform destroy`).
        finalizers = ["resources-finalizer.argocd.argoproj.io"]
        source     = local.platform_source
        destination = {
          server    = "https://kubernetes.default.svc"
          namespace = helm_release.argocd.namespace
        }
        syncPolicy = {
          automated = {
            prune    = true
            selfHeal = true
          }
          syncOptions = ["CreateNamespace=true"]
          retry = {
            limit = 10
            backoff = {
              duration    = "10s"
              factor      = 2
              maxDuration = "5m"
            }
          }
        }
      }
    }
  })]

  lifecycle {
    precondition {
      condition     = !var.use_oci_chart || (var.oci_chart_repository != "" && var.oci_chart_version != "")
      error_message = "use_oci_chart = true needs oci_chart_repository and oci_chart_version."
    }
  }
}
