/** A command in the menu: its name and the locale key of its description. */
export interface MenuCommand {
  command: string;
  description: string;
}

/** The command menus, read from the module list: everyone's, and what staff and admins see besides. */
export interface CommandMenus {
  public: MenuCommand[];
  staff: MenuCommand[];
  /** Staff commands, then the admins' own. */
  admin: MenuCommand[];
}
