import { createContext, useContext } from "react";
import { raycastServices } from "../raycastServices";
import type { Services } from "../services";

/** Tests provide their own services; inside Raycast the commands use raycastServices(). */
export const ServicesContext = createContext<Services | undefined>(undefined);

export function useServices(): Services {
  return useContext(ServicesContext) ?? raycastServices();
}
