namespace Platform.Deploy.Tests;

/// <summary>Each check fails on a fixture that breaks its rule: a check that cannot fail proves nothing.</summary>
public class BrokenTerraformTests
{
    private const string Versions = """
        terraform {
          required_version = ">= 1.10"
          required_providers {
            aws = {
              source  = "hashicorp/aws"
              version = ">= 6.0"
            }
          }
        }
        """;

    private static async Task<IReadOnlyList<Finding>> CheckAsync(Fixture fixture) =>
        await DeployChecks.RunAsync("terraform", "--terraform-dir", fixture.Root);

    private static void AssertReported(IReadOnlyList<Finding> findings, string check, string fragment) =>
        Assert.True(findings.Any(f => f.Check == check && f.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected a [{check}] finding containing \"{fragment}\", got:\n" + string.Join('\n', findings));

    [Fact]
    public async Task Syntax_error_is_reported_with_its_file()
    {
        using var fixture = new Fixture().With("main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n");

        var findings = await CheckAsync(fixture);

        Assert.Contains(findings, f => f.Check == "parse" && f.File == "main.tf");
    }

    [Fact]
    public async Task Misaligned_attributes_are_reported_as_terraform_fmt_would()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  force_destroy = true\n}\n");

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "fmt", "2: \"=\" of bucket is at column 10, terraform fmt puts it at 17");
    }

    [Fact]
    public async Task Undeclared_variable_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = var.bucket_name\n}\n");

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "variables", "var.bucket_name is used but not declared");
    }

    [Fact]
    public async Task Variable_without_type_or_description_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("variables.tf", "variable \"region\" {\n  default = \"eu-west-1\"\n}\n");

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "variables", "variable \"region\" has no type");
        AssertReported(findings, "variables", "variable \"region\" has no description");
    }

    [Fact]
    public async Task Unused_variable_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("variables.tf", "variable \"legacy_flag\" {\n  description = \"x\"\n  type        = bool\n}\n");

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "variables", "variable \"legacy_flag\" is declared but never used");
    }

    [Fact]
    public async Task Tfvars_key_without_a_variable_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("terraform.tfvars.example", "regoin = \"eu-west-1\"\n");

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "variables", "no variable \"regoin\" is declared");
    }

    [Fact]
    public async Task Missing_local_module_source_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("main.tf", "module \"network\" {\n  source = \"../modules/network\"\n}\n");

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "modules", "local source ../modules/network does not exist");
    }

    [Fact]
    public async Task Unpinned_registry_module_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("main.tf", "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n  name   = \"x\"\n}\n");

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "pinning", "module \"vpc\" (terraform-aws-modules/vpc/aws) is not version-pinned");
    }

    [Fact]
    public async Task Root_module_with_only_a_lower_bound_on_a_provider_is_reported()
    {
        using var fixture = new Fixture().With("versions.tf", """
            terraform {
              required_version = ">= 1.10"
              required_providers {
                aws = {
                  source  = "hashicorp/aws"
                  version = ">= 5.0"
                }
              }
              backend "s3" {
                key = "x"
              }
            }
            provider "aws" {
              region = "eu-west-1"
            }
            """);

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "pinning", "provider \"aws\" is not version-pinned");
    }

    [Fact]
    public async Task Helm_release_without_chart_version_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("main.tf", "resource \"helm_release\" \"argocd\" {\n  name  = \"argocd\"\n  chart = \"argo-cd\"\n}\n");

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "pinning", "helm_release \"argocd\" (argo-cd) has no chart version");
    }

    [Fact]
    public async Task S3_lockfile_with_terraform_before_1_11_is_reported()
    {
        using var fixture = new Fixture().With("versions.tf", """
            terraform {
              required_version = ">= 1.10"
              required_providers {
                aws = {
                  source  = "hashicorp/aws"
                  version = "~> 6.0"
                }
              }
              backend "s3" {
                key          = "x"
                use_lockfile = true
              }
            }
            provider "aws" {
              region = "eu-west-1"
            }
            """);

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "pinning", "required_version \">= 1.10\" allows Terraform before 1.11");
    }

    [Fact]
    public async Task Argo_cd_release_without_a_pinned_password_mtime_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("main.tf", "resource \"helm_release\" \"argocd\" {\n  name    = \"argocd\"\n  chart   = \"argo-cd\"\n  version = \"8.3.0\"\n}\n");

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "pinning", "helm_release \"argocd\" (argo-cd) does not pin configs.secret.argocdServerAdminPasswordMtime");
    }

    [Fact]
    public async Task Literal_password_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("main.tf", """
                resource "aws_db_instance" "db" {
                  password = "hunter2hunter2"
                }
                resource "aws_secretsmanager_secret_version" "v" {
                  secret_id     = "x"
                  secret_string = jsonencode({ password = "s3cret-literal" })
                }
                """);

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "secrets", "resource.aws_db_instance.db.password is assigned a literal secret");
        AssertReported(findings, "secrets", "\"password\" is assigned a literal secret inside an expression");
    }

    [Fact]
    public async Task Secret_in_tfvars_and_unmarked_secret_output_are_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("variables.tf", "variable \"db_password\" {\n  description = \"x\"\n  type        = string\n}\n")
            .With("main.tf", "resource \"random_password\" \"db\" {\n  length = 16\n}\noutput \"db\" {\n  value = random_password.db.result\n}\n")
            .With("terraform.tfvars.example", "db_password = \"changeme\"\n");

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "secrets", "\"db_password\" in a tfvars file");
        AssertReported(findings, "secrets", "output \"db\" exposes a secret and is not marked sensitive");
    }

    [Fact]
    public async Task External_secrets_policy_with_extra_action_or_unscoped_resource_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("main.tf", """
                data "aws_iam_policy_document" "external_secrets" {
                  statement {
                    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:ListSecrets"]
                    resources = ["*"]
                  }
                }
                """);

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "external-secrets", "allows secretsmanager:GetSecretValue, secretsmanager:ListSecrets");
        AssertReported(findings, "external-secrets", "resource * is not scoped to a secret prefix");
    }

    [Fact]
    public async Task Builtin_external_secrets_policy_of_the_pod_identity_module_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("main.tf", """
                module "external_secrets_pod_identity" {
                  source  = "terraform-aws-modules/eks-pod-identity/aws"
                  version = "~> 2.0"

                  name                           = "external-secrets"
                  attach_external_secrets_policy = true
                }
                """);

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "external-secrets", "attaches the built-in External Secrets policy");
    }

    [Fact]
    public async Task Oci_toggle_activating_both_sources_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("variables.tf", "variable \"use_oci_chart\" {\n  description = \"x\"\n  type        = bool\n}\n")
            .With("main.tf", """
                resource "helm_release" "platform_git" {
                  count   = var.use_oci_chart ? 1 : 0
                  name    = "git"
                  chart   = "argocd-apps"
                  version = "2.0.2"
                }
                resource "helm_release" "platform_oci" {
                  count   = var.use_oci_chart ? 1 : 0
                  name    = "oci"
                  chart   = "argocd-apps"
                  version = "2.0.2"
                }
                """);

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "oci-toggle", "with use_oci_chart = true, 2 sources are active");
        AssertReported(findings, "oci-toggle", "with use_oci_chart = false, 0 sources are active");
    }

    [Fact]
    public async Task Oci_toggle_whose_branches_are_the_same_source_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("variables.tf", "variable \"use_oci_chart\" {\n  description = \"x\"\n  type        = bool\n}\n")
            .With("main.tf", """
                locals {
                  git_source      = { repoURL = "https://example.com/repo.git", path = "deploy/argocd" }
                  platform_source = var.use_oci_chart ? local.git_source : local.git_source
                }
                """);

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "oci-toggle", "selects the same source either way");
    }

    [Fact]
    public async Task Oci_toggle_that_selects_nothing_is_reported()
    {
        using var fixture = new Fixture()
            .With("versions.tf", Versions)
            .With("variables.tf", "variable \"use_oci_chart\" {\n  description = \"x\"\n  type        = string\n}\n");

        var findings = await CheckAsync(fixture);

        AssertReported(findings, "oci-toggle", "must be of type bool");
        AssertReported(findings, "oci-toggle", "selects no source");
    }
}

public class BrokenWorkflowAndShellTests
{
    [Fact]
    public async Task Workflow_with_an_unknown_expression_and_an_unpinned_action_is_reported()
    {
        using var fixture = new Fixture().With("ci.yml", """
            name: broken
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: echo "${{ github.no_such_property }}"
            """);

        var findings = await DeployChecks.RunAsync("workflows", "--workflow-dir", fixture.Root);

        Assert.Contains(findings, f => f.Check == "actionlint" && f.Message.Contains("no_such_property", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Check == "action-pinning" && f.Message.Contains("actions/checkout@v4", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Check == "permissions" && f.Message.Contains("job \"build\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Image_matrix_that_misses_a_project_of_the_manifest_is_reported()
    {
        using var fixture = new Fixture()
            .With("images.yml", """
                name: images
                on: push
                permissions:
                  contents: read
                jobs:
                  services:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        service: [Cart, Gone]
                    steps:
                      - run: echo "${{ matrix.service }}"
                """)
            .With("aspire-manifest.json", """
                { "resources": {
                    "cart": { "type": "project.v1", "path": "../services/Cart/Cart.csproj" },
                    "payment": { "type": "project.v1", "path": "../services/Payment/Payment.csproj" },
                    "redis": { "type": "container.v0", "image": "redis:7" } } }
                """);

        var findings = await DeployChecks.RunAsync(
            "workflows", "--workflow-dir", fixture.Root, "--manifest", Path.Combine(fixture.Root, "aspire-manifest.json"));

        var finding = Assert.Single(findings, f => f.Check == "image-matrix");
        Assert.Contains("missing [Payment]", finding.Message, StringComparison.Ordinal);
        Assert.Contains("not in the manifest [Gone]", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shell_script_with_an_unquoted_variable_is_reported()
    {
        using var fixture = new Fixture().With("scripts/bad.sh", "#!/usr/bin/env bash\nrm -rf $1/tmp\n");

        var findings = await DeployChecks.RunAsync("shell", "--shell-dir", fixture.Root);

        Assert.Contains(findings, f => f.Check == "shellcheck" && f.File == Path.Combine("scripts", "bad.sh") && f.Message.Contains("SC2086", StringComparison.Ordinal));
    }
}
