# Installation layout and the Debian package (CPack). Included from the top-level CMakeLists.txt.
include(GNUInstallDirs)

install(FILES ${CMAKE_CURRENT_LIST_DIR}/supportlens.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/io.github.supportlens.SupportLens.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/supportlens.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 32 48 64 128 256)
    install(FILES ${CMAKE_CURRENT_LIST_DIR}/icons/supportlens-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps RENAME supportlens.png)
endforeach()
# Man pages are installed compressed (Debian policy); -n keeps the bytes reproducible.
set(SUPPORTLENS_MANPAGE_GZ ${CMAKE_BINARY_DIR}/supportlens.1.gz)
add_custom_command(OUTPUT ${SUPPORTLENS_MANPAGE_GZ}
    COMMAND gzip -9nc ${CMAKE_CURRENT_LIST_DIR}/supportlens.1 > ${SUPPORTLENS_MANPAGE_GZ}
    DEPENDS ${CMAKE_CURRENT_LIST_DIR}/supportlens.1 VERBATIM)
add_custom_target(supportlens_manpage ALL DEPENDS ${SUPPORTLENS_MANPAGE_GZ})
install(FILES ${SUPPORTLENS_MANPAGE_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME supportlens)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "SupportLens developers <dev@supportlens.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Customer-support metrics dashboard for help-desk CSV exports")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The shared libraries the binary links are found by dpkg-shlibdeps; what Qt loads at run time
# must be named by hand: the platform plugins (xcb for a desktop, offscreen is in libqt6gui6)
# and the SVG icon engine for the window icon. (SQLite is linked directly, not through Qt's
# plugin, so libqt6sql6-sqlite is not needed.)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")
include(CPack)
