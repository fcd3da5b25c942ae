# Runs one Node.js check of the API contract for ctest, failing (never skipping) with a
# clear message when Node.js, npm or the npm packages of api/ are missing.
#   cmake -DNODE=... -DNPM=... -DAPI_DIR=... -DSCRIPT=<path below API_DIR> [-DARGS=a|b|c] -P run-node-check.cmake

if(NOT NODE OR NOT EXISTS "${NODE}")
    message(FATAL_ERROR "Node.js was not found when the build was configured: install it "
        "(scripts/install-deps installs Debian's nodejs and npm) and configure again.")
endif()
if(NOT NPM OR NOT EXISTS "${NPM}")
    message(FATAL_ERROR "npm was not found when the build was configured: install it "
        "(scripts/install-deps) and configure again.")
endif()
if(NOT EXISTS "${API_DIR}/node_modules/.package-lock.json")
    message(FATAL_ERROR "${API_DIR}/node_modules is missing: run ./scripts/test (npm ci), "
        "or 'npm ci' in api/.")
endif()

string(REPLACE "|" ";" args "${ARGS}")
execute_process(
    COMMAND "${NODE}" "${API_DIR}/${SCRIPT}" ${args}
    WORKING_DIRECTORY "${API_DIR}"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${SCRIPT} failed (${result})")
endif()
