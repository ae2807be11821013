"""The rule registry: every rule module, listed explicitly.

A rule is registered by importing its module here and adding it to `_MODULES`, in
its family's section, in code order. The meta-test (tests/test_rule_registry.py)
fails when a module in this folder is missing from the list, when codes, names or
aliases repeat, or when documentation headings or test cases are missing.

Families: 1 syntax and directives, 2 base images and stages, 3 instructions and
package managers, 4 security, 5 layers, size and cache.
"""

from __future__ import annotations

from layerlint.rule import LoadedRule, load_rule

# 1 — syntax and directives
from . import ll1000_syntax_error
from . import ll1001_timeout
from . import ll1002_internal_error
from . import ll1003_invalid_instruction
from . import ll1004_invalid_encoding
from . import ll1005_unused_suppression
from . import ll1006_inline_suppression
from . import ll1007_empty_continuation_line
from . import ll1008_inconsistent_instruction_casing
from . import ll1009_from_as_casing
from . import ll1010_legacy_key_value_format
from . import ll1011_instruction_before_from
from . import ll1012_invalid_definition_description
from . import ll1013_malformed_exec_form
from . import ll1014_file_too_large
from . import ll1015_invalid_suppression

# (end of family 1 imports)
# 2 — base images and stages
from . import ll2000_untagged_image
from . import ll2001_latest_tag
from . import ll2002_untrusted_registry
from . import ll2003_from_platform_flag
from . import ll2004_constant_platform_flag
from . import ll2005_redundant_target_platform
from . import ll2006_duplicate_stage_name
from . import ll2007_reserved_stage_name
from . import ll2008_stage_name_casing
from . import ll2009_copy_from_undefined_stage
from . import ll2010_copy_from_own_stage
from . import ll2011_undefined_arg_in_from
from . import ll2012_invalid_default_arg_in_from
from . import ll2013_copy_entire_filesystem
from . import ll2014_multiple_instructions
from . import ll2015_missing_healthcheck
from . import ll2016_last_user_root
from . import ll2017_forbidden_onbuild_trigger

# (end of family 2 imports)
# 3 — instructions and package managers
from . import ll3000_relative_workdir
from . import ll3001_interactive_or_system_command
from . import ll3002_cd_instead_of_workdir
from . import ll3003_sudo
from . import ll3004_apt_get_unpinned
from . import ll3005_apt_lists_not_deleted
from . import ll3006_copy_archive_then_extract
from . import ll3007_invalid_port
from . import ll3008_pip_unpinned
from . import ll3009_apt_get_missing_yes
from . import ll3010_apt_get_install_recommends
from . import ll3011_npm_unpinned
from . import ll3012_apk_unpinned
from . import ll3013_apk_use_no_cache
from . import ll3014_add_instead_of_copy
from . import ll3015_copy_destination_not_directory
from . import ll3016_exec_form_recommended
from . import ll3017_apt_instead_of_apt_get
from . import ll3018_gem_unpinned
from . import ll3019_yum_missing_yes
from . import ll3020_yum_clean_missing
from . import ll3021_yum_unpinned
from . import ll3022_zypper_missing_yes
from . import ll3023_zypper_dist_upgrade
from . import ll3024_zypper_clean_missing
from . import ll3025_zypper_unpinned
from . import ll3026_dnf_missing_yes
from . import ll3027_dnf_clean_missing
from . import ll3028_dnf_unpinned
from . import ll3029_pip_cache
from . import ll3030_env_self_reference
from . import ll3031_relative_copy_without_workdir
from . import ll3032_useradd_high_uid
from . import ll3033_wget_progress
from . import ll3034_invalid_label_key
from . import ll3035_missing_label
from . import ll3036_superfluous_label
from . import ll3037_empty_label
from . import ll3038_label_not_url
from . import ll3039_label_not_rfc3339
from . import ll3040_label_not_spdx
from . import ll3041_label_not_git_hash
from . import ll3042_label_not_semver
from . import ll3043_label_not_email
from . import ll3044_yarn_cache_not_cleaned
from . import ll3045_go_install_unpinned
from . import ll3046_non_numeric_user
from . import ll3047_maintainer_deprecated
from . import ll3048_wget_and_curl
from . import ll3049_shell_symlink
from . import ll3050_pipefail_missing
from . import ll3051_expose_proto_casing
from . import ll3052_expose_invalid_format
from . import ll3053_undefined_variable
from . import ll3054_copy_ignored_file
from . import ll3055_python_syntax_error
from . import ll3056_shellcheck
from . import ll3057_healthcheck_shell_form

# (end of family 3 imports)
# 4 — security
from . import ll4000_secrets_in_arg_or_env
from . import ll4001_tls_verification_disabled
from . import ll4002_signature_verification_disabled
from . import ll4003_download_piped_to_shell
from . import ll4004_literal_password

# (end of family 4 imports)
# 5 — layers, size and cache
from . import ll5001_delete_in_later_layer
from . import ll5002_secret_in_layer
from . import ll5003_permission_change_in_later_layer
from . import ll5004_cleanup_in_own_layer
from . import ll5005_package_index_in_own_layer
from . import ll5006_dependency_install_after_full_copy
from . import ll5007_consecutive_run
from . import ll5008_package_cache_in_layer
# (end of family 5 imports)

_MODULES = (
    # 1 — syntax and directives
    ll1000_syntax_error,
    ll1001_timeout,
    ll1002_internal_error,
    ll1003_invalid_instruction,
    ll1004_invalid_encoding,
    ll1005_unused_suppression,
    ll1006_inline_suppression,
    ll1007_empty_continuation_line,
    ll1008_inconsistent_instruction_casing,
    ll1009_from_as_casing,
    ll1010_legacy_key_value_format,
    ll1011_instruction_before_from,
    ll1012_invalid_definition_description,
    ll1013_malformed_exec_form,
    ll1014_file_too_large,
    ll1015_invalid_suppression,
    # (end of family 1)
    # 2 — base images and stages
    ll2000_untagged_image,
    ll2001_latest_tag,
    ll2002_untrusted_registry,
    ll2003_from_platform_flag,
    ll2004_constant_platform_flag,
    ll2005_redundant_target_platform,
    ll2006_duplicate_stage_name,
    ll2007_reserved_stage_name,
    ll2008_stage_name_casing,
    ll2009_copy_from_undefined_stage,
    ll2010_copy_from_own_stage,
    ll2011_undefined_arg_in_from,
    ll2012_invalid_default_arg_in_from,
    ll2013_copy_entire_filesystem,
    ll2014_multiple_instructions,
    ll2015_missing_healthcheck,
    ll2016_last_user_root,
    ll2017_forbidden_onbuild_trigger,
    # (end of family 2)
    # 3 — instructions and package managers
    ll3000_relative_workdir,
    ll3001_interactive_or_system_command,
    ll3002_cd_instead_of_workdir,
    ll3003_sudo,
    ll3004_apt_get_unpinned,
    ll3005_apt_lists_not_deleted,
    ll3006_copy_archive_then_extract,
    ll3007_invalid_port,
    ll3008_pip_unpinned,
    ll3009_apt_get_missing_yes,
    ll3010_apt_get_install_recommends,
    ll3011_npm_unpinned,
    ll3012_apk_unpinned,
    ll3013_apk_use_no_cache,
    ll3014_add_instead_of_copy,
    ll3015_copy_destination_not_directory,
    ll3016_exec_form_recommended,
    ll3017_apt_instead_of_apt_get,
    ll3018_gem_unpinned,
    ll3019_yum_missing_yes,
    ll3020_yum_clean_missing,
    ll3021_yum_unpinned,
    ll3022_zypper_missing_yes,
    ll3023_zypper_dist_upgrade,
    ll3024_zypper_clean_missing,
    ll3025_zypper_unpinned,
    ll3026_dnf_missing_yes,
    ll3027_dnf_clean_missing,
    ll3028_dnf_unpinned,
    ll3029_pip_cache,
    ll3030_env_self_reference,
    ll3031_relative_copy_without_workdir,
    ll3032_useradd_high_uid,
    ll3033_wget_progress,
    ll3034_invalid_label_key,
    ll3035_missing_label,
    ll3036_superfluous_label,
    ll3037_empty_label,
    ll3038_label_not_url,
    ll3039_label_not_rfc3339,
    ll3040_label_not_spdx,
    ll3041_label_not_git_hash,
    ll3042_label_not_semver,
    ll3043_label_not_email,
    ll3044_yarn_cache_not_cleaned,
    ll3045_go_install_unpinned,
    ll3046_non_numeric_user,
    ll3047_maintainer_deprecated,
    ll3048_wget_and_curl,
    ll3049_shell_symlink,
    ll3050_pipefail_missing,
    ll3051_expose_proto_casing,
    ll3052_expose_invalid_format,
    ll3053_undefined_variable,
    ll3054_copy_ignored_file,
    ll3055_python_syntax_error,
    ll3056_shellcheck,
    ll3057_healthcheck_shell_form,
    # (end of family 3)
    # 4 — security
    ll4000_secrets_in_arg_or_env,
    ll4001_tls_verification_disabled,
    ll4002_signature_verification_disabled,
    ll4003_download_piped_to_shell,
    ll4004_literal_password,
    # (end of family 4)
    # 5 — layers, size and cache
    ll5001_delete_in_later_layer,
    ll5002_secret_in_layer,
    ll5003_permission_change_in_later_layer,
    ll5004_cleanup_in_own_layer,
    ll5005_package_index_in_own_layer,
    ll5006_dependency_install_after_full_copy,
    ll5007_consecutive_run,
    ll5008_package_cache_in_layer,
    # (end of family 5)
)

RULES: tuple[LoadedRule, ...] = tuple(load_rule(module) for module in _MODULES)
