# Fails when a file of a core folder includes a header of a folder that is not below it.
#   cmake -DCORE_DIR=<core> [-DUI_DIR=<ui> -DAPP_DIR=<app>] -P check_layers.cmake
# The linker would fail on most such includes too, but later and less clearly, and a header-only
# back-edge (an inline function or a type) would link: this names the file, line and edge.
#
# Also fails when SQL is written outside core/store (and core/import, the one exception below):
# a prepared statement, a query or a call of SQLite's C API in any other folder of core, ui or
# app. UI_DIR and APP_DIR, when given, are checked for that too.
#
# The allowed arrows, drawn in core/CMakeLists.txt and docs/ARCHITECTURE.md. Keep the three in
# step: a new folder or arrow changes all of them.
cmake_minimum_required(VERSION 3.25)

set(allowed_util     util)
set(allowed_domain   domain)
set(allowed_csv      csv domain)
set(allowed_store    store domain util)
# import -> store: the kind importers still write their own rows (docs/ARCHITECTURE.md, "Not yet").
set(allowed_import   import csv domain store util)
set(allowed_metrics  metrics domain)
set(allowed_services services import csv store metrics domain util)

if(NOT CORE_DIR OR NOT IS_DIRECTORY "${CORE_DIR}")
    message(FATAL_ERROR "check_layers: CORE_DIR is not a folder: '${CORE_DIR}'")
endif()

set(violations "")
set(checked 0)
file(GLOB folders LIST_DIRECTORIES true RELATIVE "${CORE_DIR}" "${CORE_DIR}/*")
foreach(folder IN LISTS folders)
    if(NOT IS_DIRECTORY "${CORE_DIR}/${folder}")
        continue()
    endif()
    if(NOT DEFINED allowed_${folder})
        string(APPEND violations "\n  core/${folder}/ is a folder no layer names: add it to check_layers.cmake")
        continue()
    endif()
    file(GLOB_RECURSE files RELATIVE "${CORE_DIR}" "${CORE_DIR}/${folder}/*.h" "${CORE_DIR}/${folder}/*.cpp")
    foreach(file IN LISTS files)
        math(EXPR checked "${checked} + 1")
        file(STRINGS "${CORE_DIR}/${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
        foreach(line IN LISTS lines)
            string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*" "\\1" included "${line}")
            if(NOT included MATCHES "/")
                continue() # a file of its own folder, by its bare name
            endif()
            string(REGEX REPLACE "/.*" "" target "${included}")
            if(NOT target IN_LIST allowed_${folder})
                list(JOIN allowed_${folder} ", " below)
                string(APPEND violations "\n  core/${file}: #include \"${included}\" (${folder} may include ${below})")
            endif()
        endforeach()
    endforeach()
endforeach()

# SQL belongs to store (import: the exception above, until the kinds' writers move).
set(sql_pattern "(\\.prepare\\(|queryInt\\(|\\.exec\\(\"|sqlite3_[a-z_]+\\()")
set(sql_dirs "")
foreach(folder IN LISTS folders)
    if(IS_DIRECTORY "${CORE_DIR}/${folder}" AND NOT folder STREQUAL "store" AND NOT folder STREQUAL "import")
        list(APPEND sql_dirs "${CORE_DIR}/${folder}")
    endif()
endforeach()
foreach(dir IN ITEMS ${UI_DIR} ${APP_DIR})
    list(APPEND sql_dirs "${dir}")
endforeach()
foreach(dir IN LISTS sql_dirs)
    file(GLOB_RECURSE files "${dir}/*.h" "${dir}/*.cpp")
    foreach(path IN LISTS files)
        file(STRINGS "${path}" lines REGEX "${sql_pattern}")
        foreach(line IN LISTS lines)
            file(RELATIVE_PATH shown "${CORE_DIR}/.." "${path}")
            string(STRIP "${line}" line)
            string(APPEND violations "\n  ${shown}: SQL outside core/store: ${line}")
        endforeach()
    endforeach()
endforeach()

if(violations)
    message(FATAL_ERROR "Includes against the layers of core:${violations}")
endif()
if(checked EQUAL 0)
    message(FATAL_ERROR "check_layers: no source file under ${CORE_DIR}")
endif()
message(STATUS "check_layers: ${checked} files of ${CORE_DIR}, every include goes down, no SQL outside store")
